package com.poseops.platform.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A {@link DynamoDbClient} that is built on another thread: the first build of an SDK client loads a few thousand
 * classes, which the context start (and with it the sign-in page) need not wait for. Calls wait for the real client
 * and go to it; beans can hold this one from the start.
 */
final class DeferredDynamoDbClient {

    private DeferredDynamoDbClient() {
    }

    static DynamoDbClient of(CompletableFuture<DynamoDbClient> client) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, arguments) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "DynamoDbClient (built in the background)";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == arguments[0];
                        default:
                            break;
                    }
                    DynamoDbClient target;
                    try {
                        target = client.join();
                    } catch (CompletionException e) {
                        throw e.getCause() == null ? e : e.getCause();
                    }
                    try {
                        return method.invoke(target, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
