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
 * vendor's example endpoint. Usage: BareEndpoint PORT SECRET
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
            });
        }).start("127.0.0.1", port);
    }
}
