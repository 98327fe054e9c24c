package io.chatrelay.cli;

import io.chatrelay.config.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one way a command fails: whatever a command throws becomes a single line on stderr and an exit
 * code. A user who names a missing file or an unwritable store needs to know which and why, not
 * where in the code it was noticed.
 */
final class Failures implements IExecutionExceptionHandler {

    /** A failure a command reports on purpose: its message is the whole line shown. */
    static final class CommandFailure extends RuntimeException {
        private final int exitCode;

        CommandFailure(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    /** Fails the running command as a usage error: a wrong or missing argument. */
    static CommandFailure usage(String message) {
        return new CommandFailure(message, Main.USAGE);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
        commandLine.getErr().println(commandLine.getCommandName() + ": " + describe(e));
        commandLine.getErr().flush();
        return e instanceof CommandFailure failure ? failure.exitCode : Main.FAILED;
    }

    /** One line, JDBC credentials masked. */
    static String describe(Throwable e) {
        String text = StoreConfig.mask(plain(e));
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String plain(Throwable e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof CommandFailure) {
            return cause.getMessage();
        }
        if (cause instanceof FileSystemException file) {
            return file(file);
        }
        if (cause instanceof IOException) {
            return "cannot read or write: " + message(cause);
        }
        return message(cause);
    }

    /** {@code lead.json: no such file}, {@code /data: permission denied}. */
    static String file(FileSystemException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NotDirectoryException) {
            reason = "not a directory";
        } else {
            reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        }
        return (e.getFile() == null ? "" : e.getFile() + ": ") + reason;
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
