package io.rapport.web.internal.shell;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A page is rendered into one buffer and written to the response once (the response's wrappers, Spring Session's and
 * Spring Security's, look at every write). Thymeleaf's own way to do that (partial output off) renders into a string
 * builder of 1,024 characters that doubles up to the page's size and is copied into a string at the end: for a list
 * page of 43,000 characters about 300 KiB of copies, a quarter of what the page allocates (issue 19). This view
 * renders into a character array sized like the same template's last page, and writes that array.
 */
public class BufferedPageView extends ThymeleafView {

    /** Never start a page's buffer above this (a huge page grows its buffer as it goes). */
    static final int MAX_HINT = 1 << 20;
    private static final int FIRST_HINT = 16 * 1024;
    /** The last page size per template and fragment: a hint for the next buffer, nothing a node must share. */
    private static final Map<String, Integer> SIZES = new ConcurrentHashMap<>();

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        String key = getTemplateName() + "::" + getMarkupSelector();
        PageBuffer buffer = new PageBuffer(SIZES.getOrDefault(key, FIRST_HINT));
        PrintWriter bufferWriter = buffer.printWriter();
        super.render(model, request, new HttpServletResponseWrapper(response) {
            @Override
            public PrintWriter getWriter() {
                return bufferWriter;
            }
        });
        bufferWriter.flush();
        SIZES.put(key, Math.min(MAX_HINT, buffer.length + buffer.length / 8));
        PrintWriter out = response.getWriter();
        out.write(buffer.chars, 0, buffer.length);
        out.flush();
    }

    /** A character buffer of a given first size, growing by half when it must. */
    static final class PageBuffer extends Writer {
        char[] chars;
        int length;

        PageBuffer(int size) {
            chars = new char[Math.max(16, size)];
        }

        @Override
        public void write(char[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, chars, length, count);
            length += count;
        }

        @Override
        public void write(String source, int offset, int count) {
            ensure(count);
            source.getChars(offset, offset + count, chars, length);
            length += count;
        }

        @Override
        public void write(int c) {
            ensure(1);
            chars[length++] = (char) c;
        }

        private void ensure(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(length + more, chars.length + chars.length / 2));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return new String(chars, 0, length);
        }

        /** A print writer onto this buffer whose writes skip the print writer's lock (one thread renders a page). */
        PrintWriter printWriter() {
            PageBuffer target = this;
            return new PrintWriter(this, false) {
                @Override
                public void write(char[] source, int offset, int count) {
                    target.write(source, offset, count);
                }

                @Override
                public void write(String source, int offset, int count) {
                    target.write(source, offset, count);
                }

                @Override
                public void write(String source) {
                    target.write(source, 0, source.length());
                }

                @Override
                public void write(int c) {
                    target.write(c);
                }
            };
        }
    }

    /** Spring Boot's view resolver, making these views and letting them write as they render (into the buffer). */
    @Configuration
    static class Installer {
        @Bean
        static BeanPostProcessor bufferedPageViews() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof ThymeleafViewResolver resolver) {
                        resolver.setViewClass(BufferedPageView.class);
                        resolver.setProducePartialOutputWhileProcessing(true);
                    }
                    return bean;
                }
            };
        }
    }
}
