package io.rapport.web.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import org.junit.jupiter.api.Test;

/** The page buffer keeps every character in order past its first size, through the print writer Thymeleaf uses. */
class BufferedPageViewTest {

    @Test
    void theBufferGrowsPastItsFirstSizeAndKeepsThePageInOrder() {
        BufferedPageView.PageBuffer buffer = new BufferedPageView.PageBuffer(16);
        PrintWriter out = buffer.printWriter();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String piece = "<td>▲ " + i + "</td>";
            out.write(piece);
            out.write('\n');
            out.write(piece.toCharArray(), 1, 3);
            out.print(i);
            expected.append(piece).append('\n').append(piece, 1, 4).append(i);
        }
        out.flush();
        assertThat(buffer.length).isEqualTo(expected.length());
        assertThat(buffer.toString()).isEqualTo(expected.toString());
        assertThat(buffer.chars.length).isGreaterThanOrEqualTo(expected.length());
    }
}
