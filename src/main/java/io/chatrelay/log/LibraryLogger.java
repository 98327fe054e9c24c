package io.chatrelay.log;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A library's logger made safe to leave on: every argument is cut and escaped ({@link LogSafe}),
 * a throwable becomes one line naming its type, message and the frame it came from, and warnings
 * and errors are written at most once a minute per logger and message ({@link LogBudget}).
 */
final class LibraryLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    /** Longest line written for a library: its words and up to a few values. */
    static final int MAX_LINE = 4 * LogSafe.MAX_LENGTH;

    private final transient Logger delegate;
    private final transient LogBudget budget;

    LibraryLogger(Logger delegate, LogBudget budget) {
        this.delegate = delegate;
        this.budget = budget;
        this.name = delegate.getName();
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String template, Object[] arguments,
                                               Throwable throwable) {
        Throwable thrown = throwable != null ? throwable : MessageFormatter.getThrowableCandidate(arguments);
        Object[] values = throwable == null && thrown != null ? MessageFormatter.trimmedCopy(arguments) : arguments;
        if (level == Level.WARN || level == Level.ERROR) { // the line is made only when it is written
            budget.write(kind(template), note -> emit(level, line(template, values, thrown) + note));
        } else {
            emit(level, line(template, values, thrown));
        }
    }

    /** This logger and its message's words: a message built from values still makes a short key. */
    private String kind(String template) {
        String words = template == null ? "" : template;
        return name + " " + (words.length() <= LogSafe.MAX_LENGTH ? words : words.substring(0, LogSafe.MAX_LENGTH));
    }

    /** The message with each argument safe, and the throwable, if any, as one more short clause. */
    static String line(String template, Object[] arguments, Throwable throwable) {
        Object[] safe = arguments == null ? new Object[0] : Arrays.stream(arguments).map(LogSafe::value).toArray();
        String text = clip(MessageFormatter.basicArrayFormat(template == null ? "null" : template, safe));
        return throwable == null ? text : text + " [" + oneLine(throwable) + "]";
    }

    /** A library's own words are short, but not always a line that quotes what it was sent: escaped and cut. */
    private static String clip(String text) {
        String cut = text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE) + "…";
        return cut.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** {@code Type: message at Class.method(File:line)}, the frame being the relay's own when there is one. */
    static String oneLine(Throwable throwable) {
        StackTraceElement[] frames = throwable.getStackTrace();
        StackTraceElement where = frames.length == 0 ? null : frames[0];
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("io.chatrelay.")) {
                where = frame;
                break;
            }
        }
        return throwable.getClass().getName() + ": " + LogSafe.value(throwable.getMessage())
                + (where == null ? "" : " at " + where);
    }

    private void emit(Level level, String line) {
        switch (level) {
            case ERROR -> delegate.error("{}", line);
            case WARN -> delegate.warn("{}", line);
            case INFO -> delegate.info("{}", line);
            case DEBUG -> delegate.debug("{}", line);
            default -> delegate.trace("{}", line);
        }
    }
}
