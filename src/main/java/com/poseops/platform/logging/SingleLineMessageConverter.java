package com.poseops.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m} of the console's log pattern: the formatted message on one line (see {@link LogText}). */
public class SingleLineMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.singleLine(super.convert(event));
    }
}
