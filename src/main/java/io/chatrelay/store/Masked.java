package io.chatrelay.store;

import io.chatrelay.config.StoreConfig;

/** Store errors may quote the JDBC URL; its password never reaches a log. */
final class Masked {

    private Masked() {}

    static String message(Throwable e) {
        return StoreConfig.mask(String.valueOf(e.getMessage()));
    }

    static String url(String url) {
        return StoreConfig.mask(url);
    }
}
