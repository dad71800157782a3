package dev.lakeport.app.i18n;

import static java.util.Objects.requireNonNull;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every string a user reads. The texts live in one resource bundle per area ({@link #BUNDLES}), so that each page
 * keeps its words beside the others' without one long file; a key is looked up in all of them.
 */
public final class Messages {
    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);

    /** The bundles under {@code dev/lakeport/app/i18n/}; a test checks that every locale has every key. */
    public static final List<String> BUNDLES = List.of(
            "messages",
            "project",
            "connections",
            "scope",
            "load",
            "browse",
            "assess",
            "diff",
            "run",
            "copy",
            "reports");

    /** The languages the app is translated into. */
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private final Locale locale;
    private final List<ResourceBundle> bundles;

    public Messages(Locale locale) {
        this.locale = requireNonNull(locale, "locale is null");
        List<ResourceBundle> loaded = new ArrayList<>();
        for (String name : BUNDLES) {
            loaded.add(ResourceBundle.getBundle(
                    baseName(name),
                    locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
        this.bundles = List.copyOf(loaded);
    }

    public static String baseName(String bundle) {
        return "dev.lakeport.app.i18n." + bundle;
    }

    /** The supported locale closest to {@code requested}: Chinese for any zh locale, else English. */
    public static Locale supported(Locale requested) {
        return "zh".equals(requested.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    public Locale locale() {
        return locale;
    }

    /** The text for {@code key}, with {@code args} put in its {@code {0}}, {@code {1}}... places. */
    public String get(String key, Object... args) {
        for (ResourceBundle bundle : bundles) {
            if (bundle.containsKey(key)) {
                String pattern = bundle.getString(key);
                return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
            }
        }
        LOG.warn("missing message key {}", key);
        return "!" + key + "!";
    }

    public boolean has(String key) {
        return bundles.stream().anyMatch(b -> b.containsKey(key));
    }

    /** Every key of every bundle in this locale. */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (ResourceBundle bundle : bundles) {
            keys.addAll(bundle.keySet());
        }
        return keys;
    }
}
