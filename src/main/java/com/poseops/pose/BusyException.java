package com.poseops.pose;

/** The server is busy with other heavy work and refused this rather than run out of memory; try again shortly. */
public class BusyException extends RuntimeException {

    public BusyException(String message) {
        super(message);
    }
}
