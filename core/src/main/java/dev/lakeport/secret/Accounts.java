package dev.lakeport.secret;

/** The checks every store applies to an account name. */
final class Accounts {
    private Accounts() {}

    static String require(String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("the account name is blank");
        }
        return account;
    }
}
