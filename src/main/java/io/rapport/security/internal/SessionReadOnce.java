package io.rapport.security.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session's filter saves a page's session twice: when the response is committed (a rendered page is flushed)
 * and again when the request ends, and before the second save it asks the repository once more for the session the
 * cookie named (to learn whether it was valid): a second select of the session per page, after the request has
 * itself just saved that session. Within one request this answers that question with the session the request saved;
 * the first read of every request still goes to the database (the sessions are shared by the nodes). A session read
 * from the database writes its last access back at most once a minute ({@link RareTouchSession}). The scope is the
 * request: {@link #requestScope()} runs ahead of Spring Session's
 * filter and forgets the saved session when the request starts and ends, so nothing carries over to the next request
 * the thread serves.
 */
final class SessionReadOnce {

    private static final ThreadLocal<Session> SAVED = new ThreadLocal<>();

    private SessionReadOnce() {
    }

    /** The repository, with a read after this request's save of the same session answered by that session. */
    static JdbcIndexedSessionRepository around(JdbcIndexedSessionRepository repository) {
        ProxyFactory factory = new ProxyFactory(repository);
        factory.setProxyTargetClass(true);
        factory.addAdvice((MethodInterceptor) invocation -> {
            String method = invocation.getMethod().getName();
            Object[] arguments = invocation.getArguments();
            if (method.equals("findById") && arguments.length == 1) {
                Session saved = SAVED.get();
                if (saved != null && saved.getId().equals(arguments[0]) && !saved.isExpired()) {
                    return saved;
                }
                return RareTouchSession.of((Session) invocation.proceed());
            }
            if (method.equals("save") && arguments.length == 1
                    && invocation instanceof org.springframework.aop.ProxyMethodInvocation proxied) {
                proxied.setArguments(RareTouchSession.unwrap(arguments[0]));
            }
            Object result = invocation.proceed();
            if (method.equals("save") && arguments.length == 1 && arguments[0] instanceof Session session) {
                SAVED.set(session);
            } else if (method.equals("deleteById")) {
                SAVED.remove();
            }
            return result;
        });
        return (JdbcIndexedSessionRepository) factory.getProxy(repository.getClass().getClassLoader());
    }

    /** The filter that bounds what {@link #around} remembers to one request. */
    static Filter requestScope() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                SAVED.remove();
                try {
                    chain.doFilter(request, response);
                } finally {
                    SAVED.remove();
                }
            }
        };
    }
}
