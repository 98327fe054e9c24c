package io.chatrelay.store;

/** Store errors may quote the JDBC URL; its password never reaches a log. */
final class Masked {

    private Masked() {}

    static String message(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.replaceAll("(?i)(password=)[^&\\s]*", "$1***").replaceAll("//[^/@\\s]*@", "//***@");
    }

    static String url(String url) {
        return url.replaceAll("(?i)(password=)[^&\\s]*", "$1***").replaceAll("//[^/@\\s]*@", "//***@");
    }
}
