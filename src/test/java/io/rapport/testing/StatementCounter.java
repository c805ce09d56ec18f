package io.rapport.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application executes on the current thread, whoever sends them (jOOQ, Spring
 * Session JDBC, JdbcTemplate...): import it into a test's context ({@code @Import(StatementCounter.class)}) and it
 * wraps every {@link DataSource} bean. A MockMvc request runs on the test's thread, so {@link #take()} after it
 * answers exactly the statements of that request.
 */
public class StatementCounter implements BeanPostProcessor {

    private static final ThreadLocal<List<String>> EXECUTED = ThreadLocal.withInitial(ArrayList::new);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, ds, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection c ? connection(c) : result;
            });
        }
        return bean;
    }

    /** The statements executed on this thread since the last call (their SQL, first 120 characters), and resets. */
    public List<String> take() {
        List<String> result = List.copyOf(EXECUTED.get());
        EXECUTED.get().clear();
        return result;
    }

    private static Connection connection(Connection c) {
        return proxy(Connection.class, c, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement ps && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                return statement(PreparedStatement.class, ps, sql);
            }
            if (result instanceof Statement st && !(result instanceof PreparedStatement)) {
                return statement(Statement.class, st, null);
            }
            return result;
        });
    }

    private static <S extends Statement> S statement(Class<S> type, S st, String prepared) {
        return proxy(type, st, (target, method, args) -> {
            if (method.getName().startsWith("execute")) {
                String sql = prepared != null ? prepared
                        : args != null && args.length > 0 && args[0] instanceof String s ? s : "(batch)";
                String text = sql.replaceAll("\\s+", " ").trim();
                EXECUTED.get().add((method.getName().equals("executeBatch") ? "batch: " : "")
                        + text.substring(0, Math.min(120, text.length())).toLowerCase(Locale.ROOT));
            }
            return invoke(target, method, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c
                    && c.isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> c
                    && c.isInstance(target)) {
                return true;
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }
}
