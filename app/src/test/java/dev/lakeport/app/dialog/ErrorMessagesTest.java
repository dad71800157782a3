package dev.lakeport.app.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.secret.Secret;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {
    private final ErrorMessages errors = new ErrorMessages(new Messages(Locale.ENGLISH));

    @Test
    void aCatalogErrorGetsTheHintOfItsKindAndKeepsTheExceptionForDetails() {
        ConnectorException e = new ConnectorException(ErrorCode.INVALID_CREDENTIALS, "the key was refused");
        UserMessage m = errors.describe("Test connection", new CompletionException(e));
        assertThat(m.title()).isEqualTo("Test connection");
        assertThat(m.text()).contains("the key was refused");
        assertThat(m.hint()).contains("access key pair");
        assertThat(m.details()).isPresent();
    }

    @Test
    void anInvalidConfigurationListsEveryProblemAndSaysNothingChanged() {
        ConfigException e = new ConfigException(
                "sales",
                List.of(
                        new ConfigProblem("location.convertMap", "is not a JSON object"),
                        new ConfigProblem("aws.region", "is missing")));
        UserMessage m = errors.describe("Import", e);
        assertThat(m.text()).contains("location.convertMap").contains("aws.region");
        assertThat(m.hint()).contains("nothing was changed");
    }

    @Test
    void anUnexpectedErrorSaysTheProjectIsSavedAndNeverShowsASecret() {
        Secret secret = Secret.of("do-not-" + "show");
        UserMessage m = errors.describe("Apply", new IllegalStateException("boom with " + secret));
        assertThat(m.text()).contains("boom").doesNotContain("do-not-show");
        assertThat(m.hint()).contains("project is saved");
    }

    @Test
    void anUnreachableServerTheUserNamedIsTheirSettingNotABugInLakeport() {
        var e = new dev.lakeport.launch.EndpointUnreachableException(
                "Livy", java.net.URI.create("http://livy.invalid:8998"), "unknown host", null);
        UserMessage m = errors.describe("Apply", new CompletionException(e));
        assertThat(m.text()).contains("http://livy.invalid:8998").doesNotContain("inside Lakeport");
        assertThat(m.hint()).contains("cluster profile").doesNotContain("bug report");
    }

    @Test
    void aFullDiskSaysWhereAndIsNoBugEither() {
        var e = new dev.lakeport.snapshot.DiskFullException(
                java.nio.file.Path.of("/data/p.lakeport.mv.db"), new java.io.IOException("No space left on device"));
        UserMessage m = errors.describe("Load", e);
        assertThat(m.text()).contains("/data/p.lakeport.mv.db");
        assertThat(m.hint()).contains("Free space");
    }
}
