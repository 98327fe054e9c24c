# Build: docker build -t chat-data-relay .
# Run:   docker run -p 8080:8080 -v relay-data:/data -e CHAT_DATA_SIGNING_SECRET=... \
#          -e SLACK_WEBHOOK_URL=... -e DISCORD_WEBHOOK_URL=... -e CRM_TOKEN=... chat-data-relay
# Your own config: a directory mounted at /config holding config.yaml (-v $PWD/relay:/config:ro).
# See docs/operations.md "Docker" and compose.yaml (two replicas on PostgreSQL).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN groupadd --system relay && useradd --system --gid relay --home-dir /app --shell /usr/sbin/nologin relay \
    && mkdir -p /app /config /data && chown relay:relay /data
WORKDIR /app
COPY --from=build /src/target/chat-data-relay.jar /app/chat-data-relay.jar
# The config is read from a directory, not a single file: an editor or `sed -i` replaces the file,
# which a single-file bind mount never shows the container, while a directory mount does.
COPY config.example.yaml /config/config.yaml
# The store lives on a volume so acknowledged events survive a new container. The example config
# (and any copy of it) takes its store from RELAY_STORE_URL, so a mounted config keeps it there too.
VOLUME ["/data"]
USER relay
EXPOSE 8080
ENV RELAY_CONFIG=/config/config.yaml \
    RELAY_STORE_URL=jdbc:sqlite:/data/relay.db
# `healthcheck` reads the same config and asks /healthz on the port it names. A small, short-lived JVM.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms8m", "-Xmx32m", "-jar", "/app/chat-data-relay.jar", "healthcheck"]
# JVM flags on the command line, not in JAVA_TOOL_OPTIONS (which every command would announce).
# The README's memory options, whatever the container's limit: without them a limit of 1792 MB or
# more makes the JVM pick G1 and size the heap from the limit. They beat JDK_JAVA_OPTIONS and
# JAVA_TOOL_OPTIONS (both come before them); to change them, replace the entrypoint
# (docs/operations.md, "Docker"). A JVM out of memory exits, for Docker to start it afresh.
# SIGTERM (docker stop) drains for up to 5 s, inside Docker's default 10 s stop timeout, and exits 0.
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/chat-data-relay.jar"]
CMD ["serve"]
