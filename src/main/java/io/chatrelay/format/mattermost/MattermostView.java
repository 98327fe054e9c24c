package io.chatrelay.format.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.format.ReadAs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Mattermost post as a person reads it: its Markdown resolved, the attachment's facts on a line, its link. */
final class MattermostView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MattermostView() {}

    static Optional<List<String>> lines(byte[] body) {
        JsonNode post;
        try {
            post = JSON.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        lines.add(ReadAs.markdown(post.path("text").asText()));
        for (JsonNode attachment : post.path("attachments")) {
            List<String> facts = new ArrayList<>();
            attachment.path("fields").forEach(f -> facts.add(ReadAs.markdown(f.path("title").asText() + ": "
                    + f.path("value").asText())));
            lines.add(ReadAs.facts(facts));
            lines.add(ReadAs.markdown(attachment.path("text").asText()));
        }
        return Optional.of(lines);
    }
}
