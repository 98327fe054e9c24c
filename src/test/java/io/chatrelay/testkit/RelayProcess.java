package io.chatrelay.testkit;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A relay running as its own process ({@code serve}), as an operator runs it. */
public final class RelayProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private RelayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serve --config config} and waits until it answers; the config must listen on {@code port}. */
    public static RelayProcess start(Path config, int port, Path log) throws Exception {
        return started(launch(log, List.of(), "serve", "--config", config.toString()), port);
    }

    /** Like {@link #start}, in a process that may have at most {@code openFiles} files and sockets open. */
    public static RelayProcess startWithOpenFiles(Path config, int port, Path log, int openFiles) throws Exception {
        return started(launch(log, List.of("sh", "-c", "ulimit -n " + openFiles + " && exec \"$@\"", "sh"),
                "serve", "--config", config.toString()), port);
    }

    private static RelayProcess started(Process process, int port) {
        Eventually.holds("the relay answers on port " + port, Duration.ofSeconds(30), () -> {
            try {
                return Http.get(port, "/readyz").status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return new RelayProcess(process, port);
    }

    /** Starts {@code serve --config config} and returns at once, without waiting for it to answer. */
    public static RelayProcess launch(Path config, Path log) throws Exception {
        return new RelayProcess(launch(log, "serve", "--config", config.toString()), -1);
    }

    /** Runs the command line as its own process, its output (and errors) going to {@code log}. */
    public static Process launch(Path log, String... args) throws Exception {
        return launch(log, List.of(), args);
    }

    private static Process launch(Path log, List<String> wrapper, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-cp",
                System.getProperty("java.class.path"), "io.chatrelay.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Sends a signal by name ({@code HUP}) with the system's kill command. */
    public void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    /** SIGKILL: no drain, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
