package dev.lakeport.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.wizard.Step;
import dev.lakeport.connector.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
    /** {@code messages.get("some.key"} in the sources: every literal key must exist. */
    private static final Pattern LITERAL_KEY = Pattern.compile("messages\\.get\\(\\s*\"([A-Za-z0-9_.-]+)\"\\s*[,)]");

    @Test
    void everyBundleHasTheSameKeysInEveryLanguage() throws IOException {
        for (String bundle : Messages.BUNDLES) {
            Set<String> english = keys(bundle, "");
            Set<String> chinese = keys(bundle, "_zh_CN");
            assertThat(chinese)
                    .as("keys of %s_zh_CN compared with %s", bundle, bundle)
                    .containsExactlyInAnyOrderElementsOf(english);
        }
    }

    @Test
    void everyKeyTheCodeAsksForExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Messages english = new Messages(Locale.ENGLISH);
        Messages chinese = new Messages(Locale.SIMPLIFIED_CHINESE);
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL_KEY.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (!english.has(key) || !chinese.has(key)) {
                        missing.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(missing)
                .as("message keys used in code but missing from a bundle")
                .isEmpty();
    }

    @Test
    void keysBuiltAtRunTimeExist() {
        for (Locale locale : Messages.LOCALES) {
            Messages messages = new Messages(locale);
            for (Step step : Step.values()) {
                assertThat(messages.has(step.titleKey())).as(step.titleKey()).isTrue();
                assertThat(messages.has(step.descriptionKey()))
                        .as(step.descriptionKey())
                        .isTrue();
            }
            for (dev.lakeport.app.session.SampleRoute route : dev.lakeport.app.session.SampleRoute.values()) {
                assertThat(messages.has(route.messageKey()))
                        .as(route.messageKey())
                        .isTrue();
                assertThat(messages.has(route.messageKey() + ".note"))
                        .as(route.messageKey() + ".note")
                        .isTrue();
            }
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(messages.has("error.connector." + code.name()))
                        .as(code.name())
                        .isTrue();
            }
        }
    }

    @Test
    void formatsArgumentsAndFlagsMissingKeys() {
        Messages messages = new Messages(Locale.ENGLISH);
        assertThat(messages.get("app.title.project", "sales")).isEqualTo("Lakeport — sales");
        assertThat(messages.get("no.such.key")).isEqualTo("!no.such.key!");
        assertThat(new Messages(Locale.SIMPLIFIED_CHINESE).get("step.diff")).isEqualTo("差异");
    }

    @Test
    void choosesChineseForAnyChineseLocaleAndEnglishOtherwise() {
        assertThat(Messages.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.supported(Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
    }

    private static Set<String> keys(String bundle, String suffix) throws IOException {
        String resource = "/dev/lakeport/app/i18n/" + bundle + suffix + ".properties";
        try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new TreeSet<>(p.stringPropertyNames());
        }
    }
}
