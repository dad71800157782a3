package dev.lakeport.app.dialog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What a user reads when something went wrong: a title, what happened, what to do about it, and the exception behind
 * it for "Show details".
 */
public record UserMessage(String title, String text, String hint, Optional<Throwable> details) {
    public UserMessage {
        requireNonNull(title, "title is null");
        requireNonNull(text, "text is null");
        requireNonNull(hint, "hint is null");
        requireNonNull(details, "details is null");
    }

    public static UserMessage of(String title, String text, String hint) {
        return new UserMessage(title, text, hint, Optional.empty());
    }
}
