import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * GETs a URL N times, one after the other over one connection, and prints the median and the
 * slowest answer in milliseconds, and the last status. Usage: Timed URL N [BEARER_TOKEN]
 */
public final class Timed {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        int n = Integer.parseInt(args[1]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(args[0]));
        if (args.length > 2) {
            builder.header("Authorization", "Bearer " + args[2]);
        }
        HttpRequest request = builder.build();
        client.send(request, HttpResponse.BodyHandlers.discarding()); // connect
        double[] millis = new double[n];
        int status = 0;
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            status = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%.2f %.2f %d%n", millis[n / 2], millis[n - 1], status);
    }
}
