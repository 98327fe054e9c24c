package io.chatrelay.route;

import io.chatrelay.config.TemplateConfig;
import java.util.Optional;

/** One destination an event goes to, with the route that sent it there and that route's template. */
public record Target(String destination, String route, Optional<TemplateConfig> template) {}
