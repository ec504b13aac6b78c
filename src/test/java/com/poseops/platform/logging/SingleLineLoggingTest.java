package com.poseops.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's own logback configuration ({@code logback-spring.xml}), loaded for real: whatever a message or an
 * exception message carries, a log event is written as lines that start with a timestamp — no input can start a line.
 */
class SingleLineLoggingTest {

    private static final String FORGED = "2026-11-29T20:00:00.000Z  INFO 1 --- [poseops] [main] c.p.FAKE : admin signed in";

    @Test
    void crAndLfInAMessageOrAnExceptionCannotStartAForgedLine() throws Exception {
        List<String> lines = logged(logger -> {
            logger.info("audit: {} sign-in console FAILURE", "bob\r\n" + FORGED);
            logger.warn("Could not audit {}", "x", new IllegalStateException("Item of actor eve\n" + FORGED,
                    new RuntimeException("cause with\r\n" + FORGED)));
            logger.info("escape \u001b[31mred\u001b[0m and a line separator \u2028" + FORGED);
        });

        assertThat(lines).as("logged lines:%n%s", String.join("\n", lines))
                .noneMatch(line -> line.startsWith("2026-11-29T20:00:00.000Z"));
        assertThat(lines.getFirst()).contains("audit: bob\\r\\n" + FORGED + " sign-in console FAILURE");
        assertThat(lines).anyMatch(line -> line.contains("IllegalStateException: Item of actor eve\\n" + FORGED))
                .anyMatch(line -> line.startsWith("Caused by: java.lang.RuntimeException: cause with\\r\\n"))
                .anyMatch(line -> line.contains("escape \\u001b[31mred\\u001b[0m and a line separator \\u2028"));
        assertThat(lines).filteredOn(line -> !line.isBlank() && !line.startsWith("\t") && !line.startsWith("Caused by")
                && !line.startsWith("java.lang.") && !line.matches("^\\s*\\.\\.\\. \\d+ .*"))
                .as("every other line is the start of an event").allMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*"));
    }

    @Test
    void textWithoutControlCharactersIsLeftAlone() {
        String text = "user ada@example.org uploaded 'pose (1).jpg'\tin 12 ms";
        assertThat(LogText.singleLine(text)).isSameAs(text);
    }

    private static List<String> logged(java.util.function.Consumer<org.slf4j.Logger> logging) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            URL configuration = SingleLineLoggingTest.class.getResource("/logback-spring.xml");
            assertThat(configuration).as("logback-spring.xml on the class path").isNotNull();
            configurator.doConfigure(configuration);
            Logger logger = context.getLogger("com.poseops.test");
            logging.accept(logger);
        } finally {
            context.stop();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
