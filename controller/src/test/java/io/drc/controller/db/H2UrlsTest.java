package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class H2UrlsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:./data/drc;AUTO_SERVER=FALSE;WRITE_DELAY=0|jdbc:h2:./data/drc;AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            "jdbc:h2:./data/drc;db_close_on_exit=true|jdbc:h2:./data/drc;db_close_on_exit=true",
            "jdbc:postgresql://db/drc|jdbc:postgresql://db/drc"})
    void h2UrlsAreClosedByThePoolUnlessTheySayOtherwise(String url, String expected) {
        assertThat(H2Urls.closedByThePool(url)).isEqualTo(expected);
    }
}
