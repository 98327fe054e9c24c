package io.chatrelay.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.platform.OutboundRequest;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whatever the rich rendering throws, an Error included, the plain rendering is tried before the delivery is given up. */
class RenderingTest {

    private static final OutboundRequest PLAIN = OutboundRequest.postJson(URI.create("http://127.0.0.1/hook"),
            "http://127.0.0.1/hook", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());

    @Test
    void sendsThePlainRenderingWhenTheRichOneOverflowsTheStack() {
        Rendering.Rendered rendered = Rendering.richOrPlain(() -> {
            throw new StackOverflowError();
        }, () -> PLAIN);

        assertThat(rendered.request()).isSameAs(PLAIN);
        assertThat(rendered.plainBecause()).contains("StackOverflowError");
    }

    @Test
    void keepsTheRichRenderingWhenItWorks() {
        AtomicInteger plainCalls = new AtomicInteger();

        Rendering.Rendered rendered = Rendering.richOrPlain(() -> PLAIN, () -> {
            plainCalls.incrementAndGet();
            return PLAIN;
        });

        assertThat(rendered.plainBecause()).isEmpty();
        assertThat(plainCalls).hasValue(0);
    }

    @Test
    void cannotRenderWhenThePlainRenderingFailsTooAndSaysWhyForBoth() {
        assertThatThrownBy(() -> Rendering.richOrPlain(() -> {
            throw new StackOverflowError();
        }, () -> {
            throw new IllegalStateException("no chat id\nsecond line");
        })).isInstanceOf(Rendering.CannotRender.class)
                .hasMessage("StackOverflowError; plain: IllegalStateException: no chat id second line");
    }

    @Test
    void passesOnWhatTheJvmCannotSurvive() {
        assertThatThrownBy(() -> Rendering.richOrPlain(() -> {
            throw new OutOfMemoryError("Java heap space");
        }, () -> PLAIN)).isInstanceOf(OutOfMemoryError.class);
    }
}
