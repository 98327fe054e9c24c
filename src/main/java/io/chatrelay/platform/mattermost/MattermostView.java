package io.chatrelay.platform.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.render.ReadAs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Mattermost post as a person reads it: its Markdown resolved, the attachment's facts on a line, its link. */
final class MattermostView {

    private MattermostView() {}

    static Optional<List<String>> lines(byte[] body) {
        return ReadAs.json(body, MattermostView::lines);
    }

    private static List<String> lines(JsonNode post) {
        List<String> lines = new ArrayList<>();
        lines.add(ReadAs.markdown(post.path("text").asText()));
        for (JsonNode attachment : post.path("attachments")) {
            List<String> facts = new ArrayList<>();
            attachment.path("fields").forEach(f -> facts.add(ReadAs.markdown(f.path("title").asText() + ": "
                    + f.path("value").asText())));
            lines.add(ReadAs.facts(facts));
            lines.add(ReadAs.markdown(attachment.path("text").asText()));
        }
        return lines;
    }
}
