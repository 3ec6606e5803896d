package org.clinic.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A {@link ServiceRunner} as a Quarkus test resource: the service under test gets the other
 * service's URL as its REST client configuration.
 */
public abstract class ServiceProcess implements QuarkusTestResourceLifecycleManager {

    private ServiceRunner runner;

    protected abstract ServiceRunner runner();

    protected abstract Map<String, String> clientConfig(String url);

    protected abstract void publish(String url);

    @Override
    public Map<String, String> start() {
        runner = runner().start();
        publish(runner.url());
        return clientConfig(runner.url());
    }

    /** The running process (null before start and after stop). */
    protected ServiceRunner running() {
        return runner;
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.stop();
        }
        publish(null);
    }
}
