package dev.lakeport.app.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog and notification of the app. View models talk to this interface only, so they run in tests without a
 * screen; the window's implementation shows AtlantaFX-styled JavaFX dialogs. All methods are called on the FX thread
 * and block until the user answers (as modal dialogs do), except {@link #notify}.
 */
public interface DialogService {
    /** An error with its hint; the exception (if any) sits behind "Show details". */
    void showError(UserMessage message);

    void showInformation(String title, String text);

    /** A yes/no question; {@code confirmLabel} names the action ("Delete 12 objects"), Esc answers no. */
    boolean confirm(String title, String text, String confirmLabel);

    /**
     * Asks for one line of text; {@code validator} returns an error to show under the field (empty when the text is
     * acceptable) and keeps OK disabled until it is. Empty result when the user cancels.
     */
    Optional<String> prompt(String title, String text, String initialValue, TextValidator validator);

    /** Asks for a passphrase; with {@code confirm}, asks twice and requires both to match. */
    Optional<char[]> promptPassphrase(String title, String text, boolean confirm);

    Optional<Path> chooseFileToOpen(String title, List<FileFilter> filters, Optional<Path> initialDirectory);

    Optional<Path> chooseFileToSave(String title, String initialName, List<FileFilter> filters);

    Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory);

    /** A short notice that goes away by itself ("Report saved to ..."). */
    void notify(String text);

    /** Opens a file or folder with the desktop's default application (a report in the browser). */
    void openExternally(Path file);

    @FunctionalInterface
    interface TextValidator {
        TextValidator ANY = text -> Optional.empty();

        Optional<String> check(String text);
    }
}
