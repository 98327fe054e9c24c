package io.chatrelay.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The relay's logging: slf4j-simple, with the lines of the libraries (Jetty, Javalin, the pool,
 * the HTTP client) passed through {@link LibraryLogger} first. Their lines can carry what a
 * request sent (Jetty warns about a duplicate {@code Host} header by quoting it whole) and can be
 * caused by every request, so each value in them is cut and escaped, no stack trace is printed,
 * and each kind of warning or error is written at most once a minute ({@link LogBudget}).
 *
 * <p>Chosen with the system property {@code slf4j.provider} (set by the command line before its
 * first log line, and by the build for tests); without it slf4j-simple is used as is.
 */
public final class LibraryLogs implements SLF4JServiceProvider {

    /** The system property slf4j reads to pick its provider. */
    public static final String PROVIDER_PROPERTY = "slf4j.provider";
    private static final String QUIET_PROPERTY = "slf4j.internal.verbosity";
    private static final String OWN = "io.chatrelay.";

    private final SimpleServiceProvider simple = new SimpleServiceProvider();
    private ILoggerFactory factory;

    /** Makes slf4j use this provider; call before anything logs. Keeps a provider chosen otherwise. */
    public static void install() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, LibraryLogs.class.getName());
            System.setProperty(QUIET_PROPERTY, "WARN"); // not a line at every start saying which provider
        }
    }

    @Override
    public void initialize() {
        simple.initialize();
        ILoggerFactory loggers = simple.getLoggerFactory();
        factory = name -> {
            Logger logger = loggers.getLogger(name);
            return name.startsWith(OWN) ? logger : new LibraryLogger(logger, LogBudget.SHARED);
        };
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return simple.getMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return simple.getMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return simple.getRequestedApiVersion();
    }
}
