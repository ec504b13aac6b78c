package com.poseops.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Vaadin installs its own {@link SecurityContextHolderStrategy} in the static {@link SecurityContextHolder} each time
 * an application context starts. With several cached test contexts (local and aws mode), the static one belongs to
 * whichever started last, while {@code @WithMockUser} writes into the strategy bean of the test's own context — so a
 * test could run signed out depending on test order. This puts the test's own strategy back before each test.
 */
public class CurrentContextSecurityStrategy implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(SecurityContextHolderStrategy.class)
                .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @Override
    public int getOrder() {
        // before WithSecurityContextTestExecutionListener (10000) fills the context
        return 9000;
    }
}
