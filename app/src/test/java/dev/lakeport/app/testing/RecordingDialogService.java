package dev.lakeport.app.testing;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.dialog.UserMessage;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A dialog service for tests: answers from scripts the test fills in beforehand and records everything shown. An
 * unscripted question is answered "cancel", like a user pressing Esc.
 */
public final class RecordingDialogService implements DialogService {
    public final List<UserMessage> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    public final List<String> information = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public final List<String> prompts = new ArrayList<>();
    public final List<Path> opened = new ArrayList<>();
    public final Deque<Boolean> confirmAnswers = new ArrayDeque<>();
    public final Deque<String> promptAnswers = new ArrayDeque<>();
    public final Deque<String> passphraseAnswers = new ArrayDeque<>();
    public final Deque<Path> fileAnswers = new ArrayDeque<>();

    @Override
    public synchronized void showError(UserMessage message) {
        errors.add(message);
    }

    @Override
    public synchronized void showInformation(String title, String text) {
        information.add(title + ": " + text);
    }

    @Override
    public synchronized boolean confirm(String title, String text, String confirmLabel) {
        confirmations.add(title + ": " + text);
        return Boolean.TRUE.equals(confirmAnswers.poll());
    }

    @Override
    public synchronized Optional<String> prompt(
            String title, String text, String initialValue, TextValidator validator) {
        prompts.add(title + ": " + text);
        String answer = promptAnswers.poll();
        if (answer == null || validator.check(answer).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    @Override
    public synchronized Optional<char[]> promptPassphrase(String title, String text, boolean confirm) {
        return Optional.ofNullable(passphraseAnswers.poll()).map(String::toCharArray);
    }

    @Override
    public synchronized Optional<Path> chooseFileToOpen(
            String title, List<FileFilter> filters, Optional<Path> initialDirectory) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public synchronized Optional<Path> chooseFileToSave(String title, String initialName, List<FileFilter> filters) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public synchronized Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory) {
        return Optional.ofNullable(fileAnswers.poll());
    }

    @Override
    public synchronized void notify(String text) {
        notices.add(text);
    }

    @Override
    public synchronized void openExternally(Path file) {
        opened.add(file);
    }
}
