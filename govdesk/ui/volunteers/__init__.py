"""The 志愿服务 tab: volunteers and teams, activities and hours, the duty roster, orders."""
