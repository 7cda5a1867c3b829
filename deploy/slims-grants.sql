-- The least-privilege database user of `kiosk ils-bridge` on a SLiMS 9 database:
-- exactly the tables (and, for member, the columns) the slims backend reads and writes.
-- Replace slims with the library's database name and choose a password; run as the
-- database administrator, e.g.  mariadb -u root < slims-grants.sql
-- (tests/integration/test_bridge_grants.py runs the bridge through a user made with these lines).

CREATE USER IF NOT EXISTS 'kiosk_bridge'@'localhost' IDENTIFIED BY 'ganti-kata-sandi-ini';

-- read: members and their type, items and titles, statuses, locations, loan rules, holidays, the loan user
GRANT SELECT ON slims.member TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.mst_member_type TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.mst_loan_rules TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.item TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.biblio TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.mst_item_status TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.mst_location TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON slims.holiday TO 'kiosk_bridge'@'localhost';
GRANT SELECT (user_id, username) ON slims.user TO 'kiosk_bridge'@'localhost';
-- write: loans (lend, return, renew), fines (late returns), reservations (holds; fulfilled on loan)
GRANT SELECT, INSERT, UPDATE ON slims.loan TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT ON slims.fines TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT, DELETE ON slims.reserve TO 'kiosk_bridge'@'localhost';
-- a legacy MD5 member password is replaced with bcrypt at the first kiosk login, as SLiMS's login does
GRANT UPDATE (mpasswd, last_update) ON slims.member TO 'kiosk_bridge'@'localhost';
-- the bridge's own table: operations cut short by a crash, finished at the next start
GRANT CREATE, SELECT, INSERT, DELETE ON slims.kiosk_bridge_intent TO 'kiosk_bridge'@'localhost';
