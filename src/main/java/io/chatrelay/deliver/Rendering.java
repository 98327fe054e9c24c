package io.chatrelay.deliver;

import io.chatrelay.platform.OutboundRequest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A delivery's request, rich when its rich rendering succeeds, else plain: an escalation must reach
 * its team even when its Markdown cannot be rendered. Only when the plain rendering fails too does
 * the delivery have no request at all.
 */
final class Rendering {

    /** The request, and why it is plain when it is. */
    record Rendered(OutboundRequest request, Optional<String> plainBecause) {}

    /** Neither the rich nor the plain rendering succeeded; the message says why. */
    static final class CannotRender extends RuntimeException {
        CannotRender(String reason) {
            super(reason, null, false, false);
        }
    }

    private Rendering() {}

    static Rendered richOrPlain(Supplier<OutboundRequest> rich, Supplier<OutboundRequest> plain) {
        try {
            return new Rendered(rich.get(), Optional.empty());
        } catch (Throwable richFailure) {
            Throwables.rethrowIfFatal(richFailure);
            String why = Throwables.describe(richFailure);
            try {
                return new Rendered(plain.get(), Optional.of(why));
            } catch (Throwable plainFailure) {
                Throwables.rethrowIfFatal(plainFailure);
                throw new CannotRender(why + "; plain: " + Throwables.describe(plainFailure));
            }
        }
    }
}
