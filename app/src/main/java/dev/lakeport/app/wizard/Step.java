package dev.lakeport.app.wizard;

/** The wizard's steps, in order. Each has a page, an entry in the step list and a message key for its name. */
public enum Step {
    PROJECT,
    CONNECTIONS,
    SCOPE,
    LOAD,
    BROWSE,
    ASSESS,
    DIFF,
    RUN,
    COPY,
    REPORTS;

    /** The key of the step's name in the bundles, e.g. {@code step.project}. */
    public String titleKey() {
        return "step." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The key of the step's one-line description. */
    public String descriptionKey() {
        return titleKey() + ".description";
    }
}
