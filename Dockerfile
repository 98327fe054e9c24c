# Build: docker build -t chat-data-relay .
# Run:   docker run -p 8080:8080 -v relay-data:/data -e CHAT_DATA_SIGNING_SECRET=... \
#          -e SLACK_WEBHOOK_URL=... -e DISCORD_WEBHOOK_URL=... -e CRM_TOKEN=... chat-data-relay
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN groupadd --system relay && useradd --system --gid relay --home-dir /app --shell /usr/sbin/nologin relay \
    && mkdir -p /app /data && chown relay:relay /data
WORKDIR /app
COPY --from=build /src/target/chat-data-relay.jar /app/chat-data-relay.jar
COPY config.example.yaml /app/config.yaml
# The store lives on a volume so acknowledged events survive a new container.
RUN sed -i 's#jdbc:sqlite:data/relay.db#jdbc:sqlite:/data/relay.db#' /app/config.yaml
VOLUME ["/data"]
USER relay
EXPOSE 8080
ENV RELAY_CONFIG=/app/config.yaml \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '200' <&3"]
ENTRYPOINT ["java", "-jar", "/app/chat-data-relay.jar"]
CMD ["serve"]
