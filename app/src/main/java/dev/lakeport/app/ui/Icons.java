package dev.lakeport.app.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icons for buttons and lists (Feather set). */
public final class Icons {
    private Icons() {}

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("lp-icon");
        return icon;
    }
}
