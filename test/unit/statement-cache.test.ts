import BetterSqlite3 from "better-sqlite3";
import { cacheStatements } from "../../src/adapters/store/embedded/statement-cache";

describe("embedded store statement cache", () => {
  it("compiles each SQL string once and the reused statement still sees fresh data", () => {
    const db = cacheStatements(new BetterSqlite3(":memory:"));
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    expect(db.prepare("INSERT INTO t (v) VALUES (?)")).toBe(insert);
    insert.run("a");
    db.prepare("INSERT INTO t (v) VALUES (?)").run("b");
    expect(db.prepare("SELECT v FROM t ORDER BY id").all()).toEqual([{ v: "a" }, { v: "b" }]);
    db.prepare("INSERT INTO t (v) VALUES (?)").run("c");
    expect(db.prepare("SELECT v FROM t ORDER BY id").all()).toHaveLength(3);
    db.close();
  });

  it("stops caching past its bound but keeps answering", () => {
    const db = cacheStatements(new BetterSqlite3(":memory:"), 2);
    const a = db.prepare("SELECT 1 AS n");
    db.prepare("SELECT 2 AS n");
    const third = db.prepare("SELECT 3 AS n");
    expect(db.prepare("SELECT 1 AS n")).toBe(a);
    expect(db.prepare("SELECT 3 AS n")).not.toBe(third);
    expect(db.prepare("SELECT 3 AS n").get()).toEqual({ n: 3 });
    db.close();
  });
});
