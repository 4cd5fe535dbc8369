-- sessions.lua - postern-milter driven by miltertest, the MTA side
-- played by a script: protocol corners neither Postfix nor Sendmail
-- produce on demand. Run by test-miltertest.sh, which writes the rule
-- file and passes -D milter=... -D dir=...; prints "ok"/"FAIL" per
-- check and "N passed, N failed" last.

local pass, fail = 0, 0
local function check(name, cond)
	if cond then
		pass = pass + 1
		mt.echo("ok   " .. name)
	else
		fail = fail + 1
		mt.echo("FAIL " .. name)
	end
end
local function must(what, err)
	if err ~= nil then error(what .. ": " .. tostring(err)) end
end
local function open()
	local conn = mt.connect("unix:" .. dir .. "/milter.sock", 400, 0.05)
	if conn == nil then error("cannot connect to postern-milter") end
	return conn
end
-- message - MAIL, RCPTs, header fields ({name, value} pairs), body, EOM
local function message(conn, from, rcpts, fields, body)
	must("mailfrom", mt.mailfrom(conn, from))
	for _, r in ipairs(rcpts) do must("rcptto", mt.rcptto(conn, r)) end
	for _, f in ipairs(fields) do must("header", mt.header(conn, f[1], f[2])) end
	must("eoh", mt.eoh(conn))
	must("body", mt.bodystring(conn, body or "hello\r\n"))
	must("eom", mt.eom(conn))
	return mt.getreply(conn)
end
local subj = {"Subject", "s"}

-- milter may be a command with arguments (valgrind ... postern-milter)
local argv = {}
for w in string.gmatch(milter, "%S+") do argv[#argv + 1] = w end
for _, a in ipairs({"-f", "-c", dir .. "/postern.conf"}) do
	argv[#argv + 1] = a
end
mt.startfilter((table.unpack or unpack)(argv))

-- negotiation: exactly the actions the rules use, no reply awaited for
-- header fields, body chunks or stages without rules, no step no rule
-- needs (a second filter below reads helo and has a data rule)
local conn = open()
must("conninfo", mt.conninfo(conn, "client.example", "198.51.100.7"))
check("negotiated: add and change header fields",
      mt.test_action(conn, SMFIF_ADDHDRS) and
      mt.test_action(conn, SMFIF_CHGHDRS))
check("negotiated: add and delete recipients, change sender, quarantine",
      mt.test_action(conn, SMFIF_ADDRCPT) and
      mt.test_action(conn, SMFIF_DELRCPT) and
      mt.test_action(conn, SMFIF_CHGFROM) and
      mt.test_action(conn, SMFIF_QUARANTINE))
check("negotiated: the macro lists the filter reads (smfi_setsymlist)",
      mt.test_action(conn, SMFIF_SETSYMLIST))
check("negotiated: no body replacement asked for",
      not mt.test_action(conn, SMFIF_CHGBODY))
check("negotiated: header fields and body chunks not answered",
      mt.test_option(conn, SMFIP_NR_HDR) and
      mt.test_option(conn, SMFIP_NR_BODY))
check("negotiated: no DATA and no HELO (no rule needs them; unix: socket)",
      mt.test_option(conn, SMFIP_NODATA) and
      mt.test_option(conn, SMFIP_NOHELO))
check("negotiated: connect and RCPT (rules) answered",
      not mt.test_option(conn, SMFIP_NR_CONN) and
      not mt.test_option(conn, SMFIP_NR_RCPT))
check("negotiated: body wanted (an eom rule), unknown commands not",
      not mt.test_option(conn, SMFIP_NOBODY) and
      mt.test_option(conn, SMFIP_NOUNKNOWN))

-- recipients counted per message: an aborted one starts nothing over
mt.macro(conn, SMFIC_MAIL, "i", "Q1")
must("mailfrom", mt.mailfrom(conn, "<a@example.org>"))
must("rcpt 1", mt.rcptto(conn, "<r1@example.com>"))
must("rcpt 2", mt.rcptto(conn, "<r2@example.com>"))
must("rcpt 3", mt.rcptto(conn, "<r3@example.com>"))
check("third recipient deferred (custom reply)",
      mt.getreply(conn) == SMFIR_REPLYCODE)
must("abort", mt.abort(conn))
must("mailfrom", mt.mailfrom(conn, "<a@example.org>"))
must("rcpt 1", mt.rcptto(conn, "<r1@example.com>"))
must("rcpt 2", mt.rcptto(conn, "<r2@example.com>"))
check("after an abort the count starts again",
      mt.getreply(conn) == SMFIR_CONTINUE)
must("abort", mt.abort(conn))

-- the modifications, each checked as the MTA receives it at EOM; five
-- messages on one connection
local r = message(conn, "<old@example.com>", {"<drop@example.com>",
	"<copy@example.com>", "<ok@example.com>"}, {subj})
check("envelope message accepted", r == SMFIR_CONTINUE)
check("delete-recipient: the recipient judged, as the MTA wrote it",
      mt.eom_check(conn, MT_RCPTDELETE, "<drop@example.com>"))
check("add-recipient", mt.eom_check(conn, MT_RCPTADD, "<archive@example.com>"))
check("no header touched", not mt.eom_check(conn, MT_HDRADD) and
      not mt.eom_check(conn, MT_HDRCHANGE))

message(conn, "<a@example.org>", {"<ok@example.com>"},
	{{"Subject", "one"}, {"X-Retitle", "y"}, {"Subject", "two"}})
check("change-header: the first Subject gets the value",
      mt.eom_check(conn, MT_HDRCHANGE, "Subject", "[retitled]"))
check("change-header: the second Subject is deleted",
      mt.eom_check(conn, MT_HDRDELETE, "Subject"))

message(conn, "<a@example.org>", {"<ok@example.com>"},
	{subj, {"X-Secret", "1"}, {"X-Secret", "2"}})
check("delete-header", mt.eom_check(conn, MT_HDRDELETE, "X-Secret"))

message(conn, "<a@example.org>", {"<ok@example.com>"}, {subj, {"X-First", "y"}})
check("insert-header at index 0",
      mt.eom_check(conn, MT_HDRINSERT, "X-Postern-First", "1", 0))

message(conn, "<a@example.org>", {"<ok@example.com>"}, {subj, {"X-Tag", "y"}})
check("add-header", mt.eom_check(conn, MT_HDRADD, "X-Postern", "tagged"))

message(conn, "<a@example.org>", {"<ok@example.com>"}, {subj, {"X-Hold", "y"}})
check("hold: quarantine with the rule's name",
      mt.eom_check(conn, MT_QUARANTINE, "postern rule hold"))

-- an eom reply whose text has "%": doubled for libmilter on the wire
r = message(conn, "<a@example.org>", {"<ok@example.com>"}, {subj},
	    string.rep("x", 200) .. "\r\n")
check("eom reject with a custom reply", r == SMFIR_REPLYCODE)
check("its text, % doubled",
      mt.eom_check(conn, MT_SMTPREPLY, "552", "5.3.4", "Too big (100%% sure)"))

-- a header without Subject is refused at end of header
must("mailfrom", mt.mailfrom(conn, "<a@example.org>"))
must("rcpt", mt.rcptto(conn, "<ok@example.com>"))
must("header", mt.header(conn, "From", "a@example.org"))
must("eoh", mt.eoh(conn))
check("header rule answers at end of header",
      mt.getreply(conn) == SMFIR_REPLYCODE)
mt.disconnect(conn)

-- no {client_addr} macro: the address comes from the connect packet
conn = open()
must("conninfo", mt.conninfo(conn, "blocked.example", "192.0.2.1"))
check("client address without macros", mt.getreply(conn) == SMFIR_REPLYCODE)
mt.disconnect(conn)

-- a reload in the middle of a message: the message keeps the rules it
-- started with, the next one gets the new set
conn = open()
must("conninfo", mt.conninfo(conn, "client.example", "198.51.100.7"))
must("mailfrom", mt.mailfrom(conn, "<a@example.org>"))
must("rcpt", mt.rcptto(conn, "<ok@example.com>"))
local f = assert(io.open(dir .. "/postern.rules", "a"))
f:write("name=all header true -> accept\n" ..
	"name=h helo non_fqdn_helo -> reject 550 5.7.1 \"FQDN\"\n" ..
	"name=d data rcpt.count > 50 -> defer 452 4.5.3 \"Later\"\n")
f:close()
f = assert(io.open(dir .. "/postern.rules", "r"))
local text = f:read("a")
f:close()
f = assert(io.open(dir .. "/postern.rules", "w"))
f:write((string.gsub(text, "name=nosubj[^\n]*\n[^\n]*\n", "")))
f:close()
mt.signal(10)		-- SIGUSR1
mt.sleep(1)
must("header", mt.header(conn, "From", "a@example.org"))
must("eoh", mt.eoh(conn))
check("reload mid-message: the old rules judge it",
      mt.getreply(conn) == SMFIR_REPLYCODE)
must("abort", mt.abort(conn))
must("mailfrom", mt.mailfrom(conn, "<a@example.org>"))
must("rcpt", mt.rcptto(conn, "<ok@example.com>"))
must("header", mt.header(conn, "From", "a@example.org"))
must("eoh", mt.eoh(conn))
check("the next message gets the new rules",
      mt.getreply(conn) == SMFIR_CONTINUE)

-- the MTA vanishes mid-message; the filter serves the next connection
mt.disconnect(conn, false)
conn = open()
must("conninfo", mt.conninfo(conn, "client.example", "198.51.100.7"))
check("served after an abrupt disconnect", mt.getreply(conn) == SMFIR_CONTINUE)
check("a rule reads helo, a rule is at DATA: both steps negotiated",
      not mt.test_option(conn, SMFIP_NOHELO) and
      not mt.test_option(conn, SMFIP_NODATA))
mt.disconnect(conn)

mt.echo(string.format("%d passed, %d failed", pass, fail))
