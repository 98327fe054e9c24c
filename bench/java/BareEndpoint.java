import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The yardstick: a bare Javalin endpoint that only verifies the HMAC and parses the JSON, like the
 * vendor's example endpoint. Usage: BareEndpoint PORT SECRET [FORWARD_URL]
 *
 * <p>With FORWARD_URL it is the floor of any relay: it also sends each verified event on to that
 * URL with OkHttp, 8 at a time as the relay does per destination, after answering 200. No store,
 * no retry, nothing durable: what receiving and sending alone cost.
 */
public final class BareEndpoint {

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        SecretKeySpec key = new SecretKeySpec(args[1].getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        ObjectMapper json = new ObjectMapper();
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Forward forward = args.length > 2 ? new Forward(args[2]) : null;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/webhooks/chat-data", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                String signature = ctx.header("x-chat-data-hmac-sha256");
                byte[] expected = macs.get().doFinal(body);
                if (signature == null || !MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature))) {
                    ctx.status(401).result("{\"error\":\"signature\"}");
                    return;
                }
                JsonNode event = json.readTree(body);
                ctx.status(200).contentType("application/json").result("{\"event\":\"" + event.path("event").asText() + "\"}");
                if (forward != null) {
                    forward.send(body);
                }
            });
        }).start("127.0.0.1", port);
    }

    /** Sends bodies on, 8 at a time; a failed send is counted on standard error, never retried. */
    private static final class Forward {
        private static final okhttp3.MediaType JSON = okhttp3.MediaType.get("application/json");
        private final okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
        private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
        private final String url;

        Forward(String url) {
            this.url = url;
        }

        void send(byte[] body) {
            senders.execute(() -> {
                okhttp3.Request request = new okhttp3.Request.Builder().url(url)
                        .post(okhttp3.RequestBody.create(body, JSON)).build();
                try (okhttp3.Response response = client.newCall(request).execute()) {
                    if (!response.isSuccessful()) {
                        System.err.println("forward: " + response.code());
                    }
                } catch (java.io.IOException e) {
                    System.err.println("forward: " + e);
                }
            });
        }
    }
}
