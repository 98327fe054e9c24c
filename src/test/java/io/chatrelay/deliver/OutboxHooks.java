package io.chatrelay.deliver;

import io.chatrelay.store.Outbox;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A real outbox with a test's hook run before each call of one of its methods: a store slow, or down, for it. */
final class OutboxHooks {

    /** Runs before the call, given its arguments; what it throws, the call throws. */
    interface Hook {
        void before(Object[] args) throws Exception;
    }

    private OutboxHooks() {}

    static Outbox before(Outbox real, String method, Hook hook) {
        return (Outbox) Proxy.newProxyInstance(Outbox.class.getClassLoader(), new Class<?>[] {Outbox.class},
                (proxy, called, args) -> {
                    if (called.getName().equals(method)) {
                        hook.before(args);
                    }
                    try {
                        return called.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
