package dev.lakeport.app.wizard;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the wizard needs of a page's view model: whether the user may go on (Next), whether the step is done (the
 * check in the step list), and why not, in words.
 */
public interface PageViewModel {
    Step step();

    /** True when the page's input is valid and Next may be pressed. */
    ReadOnlyBooleanProperty validProperty();

    /** True when the step's work is done (e.g. the catalogs are loaded), shown as a check in the step list. */
    ReadOnlyBooleanProperty completeProperty();

    /** Why the page is not valid yet (shown beside the disabled Next button); empty when valid. */
    ReadOnlyStringProperty problemProperty();

    /**
     * What on this page needs the user's attention although it does not block Next (e.g. a side that does not say how
     * it signs in); the step list marks the step. Empty when nothing does.
     */
    ReadOnlyStringProperty attentionProperty();

    /** The page becomes visible: refresh what may have changed on other pages. */
    default void onEnter() {}

    /** The page is left. */
    default void onLeave() {}
}
