package io.chatrelay.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, before any other part reads it, a request that nothing behind it could serve well:
 * <ul>
 *   <li>a method that is not one of HTTP's own gets {@code 400}. Method names are case-sensitive:
 *       {@code post} is not {@code POST}. Javalin fails on a name that is not all upper case (an
 *       empty 500 and a stack trace in the log, for every request) and keeps every other name it
 *       is sent in a map that only grows;</li>
 *   <li>a body in a charset other than UTF-8 (or its subsets US-ASCII and ISO-8859-1, which
 *       clients name by habit) gets {@code 415}. Java looks a name it does not know up on the
 *       whole class path, on every request, and the parts behind fail on it with a 500.</li>
 * </ul>
 */
public final class RequestGate extends Handler.Wrapper {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final Set<String> CHARSETS = Set.of("utf-8", "utf8", "us-ascii", "iso-8859-1");
    private static final String UNKNOWN_METHOD = "unknown method; methods are case-sensitive, one of "
            + "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String UNKNOWN_CHARSET = "unsupported charset in Content-Type; send UTF-8";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!METHODS.contains(request.getMethod())) {
            refuse(response, callback, HttpStatus.BAD_REQUEST_400, UNKNOWN_METHOD);
            return true;
        }
        if (!knownCharset(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            refuse(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, UNKNOWN_CHARSET);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** True when {@code contentType} names no charset, or one of {@link #CHARSETS}. */
    static boolean knownCharset(String contentType) {
        if (contentType == null || contentType.indexOf(';') < 0) {
            return true;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(equals + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!CHARSETS.contains(name)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void refuse(Response response, Callback callback, int status, String reason) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = ("{\"error\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
