package io.rapport.marketing;

import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts what a class's code sends while it runs on any thread (the quick campaign's background job): the SQL
 * statements (a JDBC batch counts once: one round trip) and the pipeline messages, by their text and name. A
 * statement or message counts when {@link #watched}'s class is on the calling thread's stack.
 */
final class JobStatements {

    /** The class whose calls are counted (on the stack of the thread that sends them). */
    static volatile String watched = "io.rapport.marketing.internal.QuickCampaignRunner";
    private static final Map<String, AtomicInteger> STATEMENTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> MESSAGES = new ConcurrentHashMap<>();
    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private JobStatements() {
    }

    static void reset() {
        STATEMENTS.clear();
        MESSAGES.clear();
    }

    static int statements() {
        return STATEMENTS.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static int messages() {
        return MESSAGES.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static Map<String, Integer> statementsBySql() {
        Map<String, Integer> all = new TreeMap<>();
        STATEMENTS.forEach((k, v) -> all.put(k, v.get()));
        return all;
    }

    static Map<String, Integer> messagesByName() {
        Map<String, Integer> all = new TreeMap<>();
        MESSAGES.forEach((k, v) -> all.put(k, v.get()));
        return all;
    }

    private static boolean inWatched() {
        String name = watched;
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(name)));
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        if (inWatched()) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** The data source wrapped so that its statements are counted, and a plugin that counts every message. */
    @TestConfiguration
    static class Config {

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource ds ? proxy(DataSource.class, ds, null) : bean;
                }
            };
        }

        @Bean
        MessageCounter messageCounter() {
            return new MessageCounter();
        }
    }

    @PluginStep(messages = "*", stage = Stage.PRE_VALIDATION, order = 0)
    static class MessageCounter implements Plugin {
        @Override
        public void execute(PluginContext context) {
            count(MESSAGES, context.messageName() + " " + context.entityName());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, String sql) {
        InvocationHandler handler = (p, method, args) -> invoke(target, method, args, sql);
        return (T) Proxy.newProxyInstance(JobStatements.class.getClassLoader(), interfaces(target, type), handler);
    }

    private static Class<?>[] interfaces(Object target, Class<?> type) {
        java.util.List<Class<?>> all = new java.util.ArrayList<>(java.util.List.of(type));
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (!all.contains(i)) {
                    all.add(i);
                }
            }
        }
        return all.toArray(Class<?>[]::new);
    }

    private static Object invoke(Object target, Method method, Object[] args, String sql) throws Throwable {
        if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
            return target;
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof Connection c && !(c instanceof Proxy)) {
            return proxy(Connection.class, c, null);
        }
        if (result instanceof Statement s && !(s instanceof Proxy)) {
            String text = args != null && args.length > 0 && args[0] instanceof String q ? q : null;
            return proxy(type(s), s, text);
        }
        if (target instanceof Statement && EXECUTE.contains(method.getName())) {
            String text = sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String q ? q : "?";
            count(STATEMENTS, (method.getName().contains("Batch") ? "[batch] " : "")
                    + text.substring(0, Math.min(110, text.length())));
        }
        return result;
    }

    private static Class<? extends Statement> type(Statement s) {
        if (s instanceof java.sql.CallableStatement) {
            return java.sql.CallableStatement.class;
        }
        return s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    }
}
