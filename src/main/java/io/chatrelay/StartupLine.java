package io.chatrelay;

import io.chatrelay.config.RelayConfig;
import java.util.OptionalInt;

/**
 * The one line the relay logs once it listens: where events go in, what it sends them to, the
 * store, and where the console is, or that it is off and which key turns it on. Never a secret.
 */
final class StartupLine {

    private StartupLine() {}

    /**
     * @param port the public listener's port (the webhook, and the console unless {@code admin.listen})
     * @param adminPort the port of the {@code admin.listen} listener, when there is one
     */
    static String of(RelayConfig config, int port, OptionalInt adminPort) {
        return "relay listening on port " + port + " at " + config.server().path() + " with "
                + count(config.destinations().size(), "destination") + " and " + count(config.routes().size(), "route")
                + "; store " + config.store().displayUrl() + "; " + console(config, port, adminPort);
    }

    private static String console(RelayConfig config, int port, OptionalInt adminPort) {
        if (config.adminToken().isEmpty()) {
            return "console and admin API off (set admin.token to turn them on)";
        }
        String host = config.server().adminListen().map(address -> address.host()).orElse(config.server().host());
        String url = "http://" + browsable(host) + ":" + adminPort.orElse(port) + "/admin/";
        return adminPort.isPresent() ? "console at " + url + " (admin API and metrics on that listener only)"
                : "console at " + url;
    }

    /** A host a browser can open: the machine itself for a listener on every address. */
    private static String browsable(String host) {
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
