package com.poseops.endpoints;

/** The endpoint cannot take an update now (it is Creating, Updating, RollingBack …); the message says why. */
public class EndpointBusyException extends RuntimeException {

    public EndpointBusyException(String message) {
        super(message);
    }
}
