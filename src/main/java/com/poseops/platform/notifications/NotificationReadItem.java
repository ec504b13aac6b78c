package com.poseops.platform.notifications;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** How far one person has read the notifications: the sort key of the newest one they have seen. */
@DynamoDbBean
public class NotificationReadItem {

    private String username = "";
    private String readUpTo = "";

    @DynamoDbPartitionKey
    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getReadUpTo() {
        return readUpTo;
    }

    public void setReadUpTo(String readUpTo) {
        this.readUpTo = readUpTo;
    }
}
