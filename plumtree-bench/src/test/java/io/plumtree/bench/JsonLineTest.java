package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTest {

    @Test
    void oneObjectOnOneLineInInsertionOrder() {
        String json = new JsonLine().add("impl", "plumtree").add("nodes", 10).add("p99_ms", 4.25, 3)
                .add("rate", 0.0, 1).add("heap_mb", new double[]{12.34, 5}, 1).add("nan", Double.NaN, 2).toString();
        assertThat(json).isEqualTo("{\"impl\":\"plumtree\",\"nodes\":10,\"p99_ms\":4.25,\"rate\":0,"
                + "\"heap_mb\":[12.3,5],\"nan\":null}");
    }

    @Test
    void escapesStrings() {
        assertThat(new JsonLine().add("s", "a\"b\\c\nd\u0001").toString())
                .isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\"}");
    }

    @Test
    void roundsWithoutLocaleSurprises() {
        assertThat(new JsonLine().add("x", 1234567.891, 1).add("y", -0.0001, 2).toString())
                .isEqualTo("{\"x\":1234567.9,\"y\":0}");
    }
}
