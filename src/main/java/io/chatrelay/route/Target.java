package io.chatrelay.route;

/** One destination an event goes to, and the route that sent it there (which decides its template). */
public record Target(String destination, String route) {}
