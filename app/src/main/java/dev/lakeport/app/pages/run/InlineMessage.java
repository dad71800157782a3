package dev.lakeport.app.pages.run;

import atlantafx.base.controls.Message;
import dev.lakeport.app.ui.Icons;
import org.kordamp.ikonli.feather.Feather;

/**
 * A new AtlantaFX {@link Message} for each state a page reports. Not one message whose texts change: in AtlantaFX
 * 2.0.1 a title set after the message is shown displays the description in its place.
 */
public final class InlineMessage {
    private InlineMessage() {}

    public static Message create(String id, String style, Feather icon, String title, String description) {
        Message message = new Message(title, description, Icons.of(icon));
        message.setId(id);
        message.getStyleClass().add(style);
        return message;
    }
}
