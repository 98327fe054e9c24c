package io.chatrelay.testkit;

import io.chatrelay.config.Secret;
import io.chatrelay.ingest.SignatureVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Posts to a relay over real HTTP, the way Chat Data does. */
public final class Http {

    private static final OkHttpClient CLIENT = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    public record Reply(int status, String body) {}

    private Http() {}

    public static Reply postSigned(int port, String secret, byte[] body) {
        return post(port, "/webhooks/chat-data", body, SignatureVerifier.sign(new Secret(secret), body), null);
    }

    public static Reply post(int port, String path, byte[] body, String signature, String topic) {
        Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + path)
                .post(RequestBody.create(body, MediaType.get("text/plain")));
        if (signature != null) {
            request.header(SignatureVerifier.HEADER, signature);
        }
        if (topic != null) {
            request.header("x-chat-data-topic", topic);
        }
        return execute(request.build());
    }

    public static Reply get(int port, String path) {
        return execute(new Request.Builder().url("http://127.0.0.1:" + port + path).build());
    }

    public static Reply execute(Request request) {
        try (Response response = CLIENT.newCall(request).execute()) {
            return new Reply(response.code(), response.body().string());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
