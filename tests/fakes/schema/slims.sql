-- The SLiMS 9 (Bulian) tables the bridge reads and writes, with the columns,
-- types, keys and engine of SLiMS's own install/senayan.sql, so the tests meet
-- the layout a library's database has: MyISAM (no transactions, no row locks),
-- utf8_unicode_ci, dates as DATE. Only these tables; the rest of SLiMS's
-- schema (biblio authors, topics, OPAC, system settings...) is not touched.

CREATE TABLE mst_member_type (
  member_type_id int(11) NOT NULL AUTO_INCREMENT,
  member_type_name varchar(50) NOT NULL,
  loan_limit int(11) NOT NULL,
  loan_periode int(11) NOT NULL,
  enable_reserve int(1) NOT NULL DEFAULT 0,
  reserve_limit int(11) NOT NULL DEFAULT 0,
  member_periode int(11) NOT NULL,
  reborrow_limit int(11) NOT NULL,
  fine_each_day int(11) NOT NULL,
  grace_periode int(2) DEFAULT 0,
  input_date date NOT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (member_type_id),
  UNIQUE KEY member_type_name (member_type_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE member (
  member_id varchar(20) NOT NULL,
  member_name varchar(100) NOT NULL,
  gender int(1) NOT NULL,
  birth_date date DEFAULT NULL,
  member_type_id int(6) DEFAULT NULL,
  member_address varchar(255) DEFAULT NULL,
  member_mail_address varchar(255) DEFAULT NULL,
  member_email varchar(100) DEFAULT NULL,
  postal_code varchar(20) DEFAULT NULL,
  inst_name varchar(100) DEFAULT NULL,
  is_new int(1) DEFAULT NULL,
  member_image varchar(200) DEFAULT NULL,
  pin varchar(50) DEFAULT NULL,
  member_phone varchar(50) DEFAULT NULL,
  member_fax varchar(50) DEFAULT NULL,
  member_since_date date DEFAULT NULL,
  register_date date DEFAULT NULL,
  expire_date date NOT NULL,
  member_notes text,
  is_pending smallint(1) NOT NULL DEFAULT 0,
  mpasswd varchar(64) DEFAULT NULL,
  last_login datetime DEFAULT NULL,
  last_login_ip varchar(20) DEFAULT NULL,
  input_date date DEFAULT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (member_id),
  KEY member_name (member_name),
  KEY member_type_id (member_type_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE mst_coll_type (
  coll_type_id int(3) NOT NULL AUTO_INCREMENT,
  coll_type_name varchar(30) NOT NULL,
  input_date date DEFAULT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (coll_type_id),
  UNIQUE KEY coll_type_name (coll_type_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE mst_gmd (
  gmd_id int(11) NOT NULL AUTO_INCREMENT,
  gmd_code varchar(3) DEFAULT NULL,
  gmd_name varchar(30) NOT NULL,
  icon_image varchar(100) DEFAULT NULL,
  input_date date NOT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (gmd_id),
  UNIQUE KEY gmd_name (gmd_name),
  UNIQUE KEY gmd_code (gmd_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE mst_loan_rules (
  loan_rules_id int(11) NOT NULL AUTO_INCREMENT,
  member_type_id int(11) NOT NULL DEFAULT 0,
  coll_type_id int(11) DEFAULT 0,
  gmd_id int(11) DEFAULT 0,
  loan_limit int(3) DEFAULT 0,
  loan_periode int(3) DEFAULT 0,
  reborrow_limit int(3) DEFAULT 0,
  fine_each_day int(3) DEFAULT 0,
  grace_periode int(2) DEFAULT 0,
  input_date date DEFAULT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (loan_rules_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE mst_item_status (
  item_status_id char(3) NOT NULL,
  item_status_name varchar(30) NOT NULL,
  rules varchar(255) DEFAULT NULL,
  no_loan smallint(1) NOT NULL DEFAULT 0,
  skip_stock_take smallint(1) NOT NULL DEFAULT 0,
  input_date date DEFAULT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (item_status_id),
  UNIQUE KEY item_status_name (item_status_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE mst_location (
  location_id varchar(3) NOT NULL,
  location_name varchar(100) DEFAULT NULL,
  input_date date NOT NULL,
  last_update date NOT NULL,
  PRIMARY KEY (location_id),
  UNIQUE KEY location_name (location_name)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE biblio (
  biblio_id int(11) NOT NULL AUTO_INCREMENT,
  gmd_id int(3) DEFAULT NULL,
  title text NOT NULL,
  sor varchar(200) DEFAULT NULL,
  edition varchar(50) DEFAULT NULL,
  isbn_issn varchar(32) DEFAULT NULL,
  publisher_id int(11) DEFAULT NULL,
  publish_year varchar(20) DEFAULT NULL,
  collation varchar(50) DEFAULT NULL,
  series_title varchar(200) DEFAULT NULL,
  call_number varchar(50) DEFAULT NULL,
  language_id char(5) DEFAULT 'en',
  source varchar(3) DEFAULT NULL,
  publish_place_id int(11) DEFAULT NULL,
  classification varchar(40) DEFAULT NULL,
  notes text,
  image varchar(100) DEFAULT NULL,
  file_att varchar(255) DEFAULT NULL,
  opac_hide smallint(1) DEFAULT 0,
  promoted smallint(1) DEFAULT 0,
  labels text,
  frequency_id int(11) NOT NULL DEFAULT 0,
  spec_detail_info text,
  content_type_id int(11) DEFAULT NULL,
  media_type_id int(11) DEFAULT NULL,
  carrier_type_id int(11) DEFAULT NULL,
  input_date datetime DEFAULT NULL,
  last_update datetime DEFAULT NULL,
  uid int(11) DEFAULT NULL,
  PRIMARY KEY (biblio_id),
  KEY references_idx (gmd_id, publisher_id, language_id, publish_place_id),
  KEY classification (classification),
  FULLTEXT KEY title_ft_idx (title, series_title)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE item (
  item_id int(11) NOT NULL AUTO_INCREMENT,
  biblio_id int(11) DEFAULT NULL,
  call_number varchar(50) DEFAULT NULL,
  coll_type_id int(3) DEFAULT NULL,
  item_code varchar(20) DEFAULT NULL,
  inventory_code varchar(200) DEFAULT NULL,
  received_date date DEFAULT NULL,
  supplier_id varchar(6) DEFAULT NULL,
  order_no varchar(20) DEFAULT NULL,
  location_id varchar(3) DEFAULT NULL,
  order_date date DEFAULT NULL,
  item_status_id char(3) DEFAULT NULL,
  site varchar(50) DEFAULT NULL,
  source int(1) NOT NULL DEFAULT 0,
  invoice varchar(20) DEFAULT NULL,
  price int(11) DEFAULT NULL,
  price_currency varchar(10) DEFAULT NULL,
  invoice_date date DEFAULT NULL,
  input_date datetime NOT NULL,
  last_update datetime DEFAULT NULL,
  uid int(11) DEFAULT NULL,
  PRIMARY KEY (item_id),
  UNIQUE KEY item_code (item_code),
  KEY item_references_idx (coll_type_id, location_id, item_status_id),
  KEY biblio_id_idx (biblio_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE loan (
  loan_id int(11) NOT NULL AUTO_INCREMENT,
  item_code varchar(20) DEFAULT NULL,
  member_id varchar(20) DEFAULT NULL,
  loan_date date NOT NULL,
  due_date date NOT NULL,
  renewed int(11) NOT NULL DEFAULT 0,
  loan_rules_id int(11) NOT NULL DEFAULT 0,
  actual date DEFAULT NULL,
  is_lent int(11) NOT NULL DEFAULT 0,
  is_return int(11) NOT NULL DEFAULT 0,
  return_date date DEFAULT NULL,
  input_date datetime DEFAULT NULL,
  last_update datetime DEFAULT NULL,
  uid int(11) DEFAULT NULL,
  PRIMARY KEY (loan_id),
  KEY item_code (item_code),
  KEY member_id (member_id),
  KEY input_date (input_date, last_update, uid)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE reserve (
  reserve_id int(11) NOT NULL AUTO_INCREMENT,
  member_id varchar(20) NOT NULL,
  biblio_id int(11) NOT NULL,
  item_code varchar(20) NOT NULL,
  reserve_date datetime NOT NULL,
  PRIMARY KEY (reserve_id),
  KEY references_idx (member_id, biblio_id),
  KEY item_code_idx (item_code)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE fines (
  fines_id int(11) NOT NULL AUTO_INCREMENT,
  fines_date date NOT NULL,
  member_id varchar(20) NOT NULL,
  debet int(11) DEFAULT 0,
  credit int(11) DEFAULT 0,
  description varchar(255) DEFAULT NULL,
  PRIMARY KEY (fines_id),
  KEY member_id (member_id)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE holiday (
  holiday_id int(11) NOT NULL AUTO_INCREMENT,
  holiday_dayname varchar(20) NOT NULL,
  holiday_date date DEFAULT NULL,
  description varchar(100) DEFAULT NULL,
  PRIMARY KEY (holiday_id),
  UNIQUE KEY holiday_dayname (holiday_dayname, holiday_date)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;

CREATE TABLE user (
  user_id int(11) NOT NULL AUTO_INCREMENT,
  username varchar(50) NOT NULL,
  realname varchar(100) NOT NULL,
  passwd varchar(64) NOT NULL,
  `2fa` text DEFAULT NULL,
  email varchar(200) DEFAULT NULL,
  user_type smallint(2) DEFAULT NULL,
  user_image varchar(250) DEFAULT NULL,
  social_media text,
  last_login datetime DEFAULT NULL,
  last_login_ip char(15) DEFAULT NULL,
  `groups` varchar(200) DEFAULT NULL,
  input_date date DEFAULT NULL,
  last_update date DEFAULT NULL,
  PRIMARY KEY (user_id),
  UNIQUE KEY username (username),
  KEY realname (realname)
) ENGINE=MyISAM DEFAULT CHARSET=utf8 COLLATE=utf8_unicode_ci;
