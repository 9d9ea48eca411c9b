-- The language of the staff pages, chosen by each person on their account page: 'en' or 'zh-CN';
-- null follows the browser's language.
alter table staff_account add column language text check (language in ('en', 'zh-CN'));
