package io.chatrelay.format;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/** How template values from the event are escaped, per target syntax. */
public enum TemplateSyntax {
    /** Slack mrkdwn: {@code & < >}. */
    SLACK(text -> text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")),
    /** Telegram HTML: entities. */
    HTML(Escapers.HTML),
    /** Discord and Teams markdown, and JSON built by Jackson: values stay as they are. */
    PLAIN(Escapers.NONE);

    final Mustache.Escaper escaper;

    TemplateSyntax(Mustache.Escaper escaper) {
        this.escaper = escaper;
    }
}
