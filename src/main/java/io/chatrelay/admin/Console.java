package io.chatrelay.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The web console: three static files from the jar (no build step, nothing from elsewhere), served
 * with a Content-Security-Policy that allows only those files, so nothing inline and nothing
 * injected can run. The page holds no data; it asks the admin API for everything once signed in.
 */
final class Console {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> FILES = Map.of(
            "/admin/", "index.html",
            "/admin/console.js", "console.js",
            "/admin/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private Console() {}

    /** Sent with every admin and console answer, errors included: no sniffing, framing or referrers. */
    static void secure(Context ctx) {
        if (ctx.path().startsWith("/admin")) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY");
        }
    }

    /**
     * True when a browser says the request comes from another site: {@code Sec-Fetch-Site} other
     * than {@code same-origin} or {@code none}, or else an {@code Origin} whose host is not the one
     * asked. A request with neither (curl, a script) is not a browser's cross-site post.
     */
    static boolean crossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        String host = ctx.header("X-Forwarded-Host") != null ? ctx.header("X-Forwarded-Host") : ctx.header("Host");
        try {
            java.net.URI uri = java.net.URI.create(origin.trim());
            String authority = uri.getRawAuthority();
            return authority == null || host == null || !authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return true; // "null" and anything else that is no origin
        }
    }

    static void register(JavalinConfig javalin, UnaryOperator<Handler> enabled) {
        FILES.forEach((path, file) -> {
            byte[] content = read(file);
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            javalin.routes.get(path, enabled.apply(ctx -> serve(ctx, content, type)));
        });
    }

    private static void serve(Context ctx, byte[] content, String type) {
        if (ctx.path().equals("/admin")) {
            ctx.redirect("/admin/", io.javalin.http.HttpStatus.FOUND); // relative links need the slash
            return;
        }
        ctx.header("Cache-Control", "no-cache")
                .contentType(type)
                .result(content);
    }

    private static byte[] read(String file) {
        try (InputStream in = Console.class.getResourceAsStream("console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + file + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
